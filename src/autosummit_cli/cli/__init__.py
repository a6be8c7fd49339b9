"""The command line: the app, its options, its commands, the error boundary."""
