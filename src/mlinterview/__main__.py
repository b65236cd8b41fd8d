"""`python -m mlinterview ...` runs the command line, as the `mlinterview` script does."""

from mlinterview.cli import main

if __name__ == "__main__":
    main()
