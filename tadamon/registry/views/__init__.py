"""The registry's pages, one module per kind of object."""
