"""Allow ``python -m trustlex``."""

from trustlex.cli import main

main()
