package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// profiles writes a CPU profile and a heap profile of a long command (the
// demo) when asked, so that where its time and memory go can be read with
// `go tool pprof`. Either path may be "" (not written).
type profiles struct {
	cpu  *os.File
	heap string
}

// startProfiles starts the CPU profile into cpuPath and remembers heapPath
// for heapNow.
func startProfiles(cpuPath, heapPath string) (*profiles, error) {
	p := &profiles{heap: heapPath}
	if cpuPath != "" {
		f, err := os.Create(cpuPath)
		if err != nil {
			return nil, fmt.Errorf("creating the CPU profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("starting the CPU profile: %w", err)
		}
		p.cpu = f
	}
	return p, nil
}

// stop ends the CPU profile; stopping it again does nothing.
func (p *profiles) stop() error {
	if p.cpu != nil {
		pprof.StopCPUProfile()
		f := p.cpu
		p.cpu = nil
		if err := f.Close(); err != nil {
			return fmt.Errorf("closing the CPU profile: %w", err)
		}
	}
	return nil
}

// heapNow writes the heap profile (after a collection, so that it shows
// what is live), once.
func (p *profiles) heapNow() error {
	if p.heap == "" {
		return nil
	}
	defer func() { p.heap = "" }()
	f, err := os.Create(p.heap)
	if err != nil {
		return fmt.Errorf("creating the heap profile: %w", err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		return fmt.Errorf("writing the heap profile: %w", err)
	}
	return nil
}
