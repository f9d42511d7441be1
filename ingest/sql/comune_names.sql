-- Each comune's registered name, with its ISTAT code.
SELECT name, istat FROM comune
