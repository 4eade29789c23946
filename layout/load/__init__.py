"""Load stage: YAML files → validated, resolved model objects; every error names file:line:column."""
