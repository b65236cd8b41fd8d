"""The local web app (FastAPI + Jinja2): the same topics, demos, exercises and reviews as
the CLI, server-rendered and usable without JavaScript."""
