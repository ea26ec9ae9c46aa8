"""The back ends: the IR rendered as JSON, CSV and the normalized filing (render, render_json,
fixed_width), as database rows (tables), and the parse tree back to the input's bytes
(reconstruct)."""
