"""Shared infrastructure used by several stages and apps: HTTP, address policy, URLs,
charsets, dates, safe XML, sanitising, configuration. Imports nothing above it."""
