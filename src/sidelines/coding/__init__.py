"""Event coding: CAMEO dyads and PLOVER records for engagements, verbal events between states, and
exports in GDELT-like and PLOVER layouts."""
