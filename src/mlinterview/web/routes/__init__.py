"""The app's routes, one module per resource (collected in ``web/app.py``)."""
