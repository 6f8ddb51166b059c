"""The article the coach stands on, its chunks, the embedding model and the Chroma index."""
