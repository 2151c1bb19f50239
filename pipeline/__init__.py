"""Norwegian news articles in, validated JSON profiles out."""

__version__ = "0.1.0"
