"""Input errors: one line naming the file, line and column, the field, what is wrong and what to do."""

from __future__ import annotations


class InputError(Exception):
    """Bad input. Carried to the command line, printed as one line, exit code 2."""

    def __init__(self, file: str, line: int | None, column: int | None, field: str | None, problem: str, fix: str | None = None):
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.problem = problem
        self.fix = fix
        super().__init__(self.format())

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.field:
            text += f"{self.field}: "
        text += self.problem
        if self.fix:
            text += f"; {self.fix}"
        return text
