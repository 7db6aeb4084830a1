"""The schoolpipe command line."""
