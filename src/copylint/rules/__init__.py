"""Rules: metadata model, loader and one module per rule type."""
