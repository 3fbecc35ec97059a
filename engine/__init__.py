"""Deciding: rule files in, advice out. The only package that imports durable_rules."""
