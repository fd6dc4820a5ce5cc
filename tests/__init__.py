"""Tests that cross the level2work addons; run by pytest-odoo (./setup/test)."""
