"""The front end: bytes to lines (source, line_map, html_text, html_layout), lines to tokens
(lexer), tokens to the parse tree (parser), and the value grammars (values)."""
