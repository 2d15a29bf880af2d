//go:build !bindings

package main

// openEarly starts opening the data folder while the window is being
// created: the web view's processes take a second or two to start, and
// opening a large folder (Badger reading its tables' indexes) takes as
// long, so the two overlap instead of following each other (issue 19 §4).
// Start runs once; the window's OnStartup waits for it as before.
func (d *desktop) openEarly() { go d.opener.Start() }
