-- FSST compression is left out while importing (see importSettings).
SET disabled_compression_methods = 'fsst'
