//go:build bindings

package main

// openEarly does nothing when the Wails CLI runs the program only to
// generate the bindings: it must not touch the data folder.
func (d *desktop) openEarly() {}
