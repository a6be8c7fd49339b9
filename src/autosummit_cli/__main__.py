from autosummit_cli.cli import main

main()
