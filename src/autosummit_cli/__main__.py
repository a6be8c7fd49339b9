from autosummit_cli.launch import main

main()
