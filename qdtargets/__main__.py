"""`python -m qdtargets` runs the command line."""
from .cli import main

main()
