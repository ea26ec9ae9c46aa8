"""The restyling generator (issue 13): the gold answers of the corpus fixtures, written again in
many house styles and value spellings, compiled, and compared with the facts they were written
from. See :mod:`restyle.variants` for the layout classes it covers."""
