"""Analyses over stored events: compare the reports of one event, their framing and topics."""
