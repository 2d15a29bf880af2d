//go:build !linux && !windows

package seal

// newKeyStore reports that this platform has no supported key store.
func newKeyStore() keyStore { return nil }

// osStoreHint is unused where newKeyStore returns nil.
const osStoreHint = ""
