// Package buildinfo holds the program version, set at link time with
// -ldflags "-X hoso/buildinfo.Version=...".
package buildinfo

// Version is the program's version; "dev" for builds outside the Makefile.
var Version = "dev"
