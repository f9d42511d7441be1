-- Records the data version $version the kept derivations were rebuilt on.
DELETE FROM kept_version;
INSERT INTO kept_version VALUES ('derived', $version)
