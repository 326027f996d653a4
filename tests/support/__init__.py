"""Test support: fakes at the network edge and launchers for real local services."""
