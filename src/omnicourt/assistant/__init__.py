"""The AI judge assistant."""
