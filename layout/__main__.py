from layout.cli import main

main()
