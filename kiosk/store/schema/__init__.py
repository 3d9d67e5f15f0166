"""One module per schema version: ``mNNNN_name.py`` defining ``MIGRATION``.

Modules are found by name, so adding a version is adding a file. Released migrations are
frozen: never edit one, add the next.
"""
