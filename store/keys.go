package store

// Every key the store writes starts with one prefix byte from this list; the
// byte layout of each key is written beside its prefix. Numbers are
// big-endian so that byte order is numeric order; variable-length fields are
// followed by a 0x00 separator or preceded by their length.
//
// Prefixes are never reused: a retired prefix stays here, commented out.
const (
	// prefixMeta holds facts about the database itself.
	//   0x00 | name (ASCII)                        → value
	// Names: "schema" → schema version, uint32 big-endian.
	prefixMeta byte = 0x00

	// prefixLocal holds this node's own settings, which never leave the node
	// (the interface language, the console port).
	//   0x01 | name (UTF-8)                        → value bytes
	prefixLocal byte = 0x01
)

// SchemaVersion is the version of the key layout above. Open upgrades an
// older database through the migrations table in migrate.go and refuses a
// newer one.
const SchemaVersion uint32 = 1

// metaKey returns the key of a meta fact.
func metaKey(name string) []byte {
	return append([]byte{prefixMeta}, name...)
}

// localKey returns the key of a local setting.
func localKey(name string) []byte {
	return append([]byte{prefixLocal}, name...)
}
