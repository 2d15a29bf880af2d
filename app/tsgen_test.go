package app

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"hoso/internal/tsgen"
)

var updateTS = flag.Bool("update", false, "rewrite frontend/src/lib/api.gen.ts from the registry")

// apiGenPath is the generated TypeScript seam, from this package's folder.
var apiGenPath = filepath.Join("..", "frontend", "src", "lib", "api.gen.ts")

// generateTS renders api.gen.ts from the registry of a test node.
func generateTS(t *testing.T) []byte {
	t.Helper()
	enums, err := tsgen.ScanEnums("..", "hoso")
	if err != nil {
		t.Fatal(err)
	}
	var methods []tsgen.Method
	for _, sig := range newTestServices(t).Signatures() {
		methods = append(methods, tsgen.Method{Name: sig.Name, Arg: sig.Arg, Reply: sig.Reply})
	}
	out, err := tsgen.Generate(tsgen.Input{
		Header: "Generated from the Go service registry by app/tsgen_test.go. DO NOT EDIT.\n" +
			"Regenerate: go test ./app -run TestAPIGenTS -update",
		Methods:    methods,
		Enums:      enums,
		ErrorCodes: reflect.TypeFor[Code](),
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAPIGenTS keeps frontend/src/lib/api.gen.ts equal to what the
// registry's types say: run with -update after changing a method, a request
// or a reply type, or an error code.
func TestAPIGenTS(t *testing.T) {
	want := generateTS(t)
	if *updateTS {
		if err := os.WriteFile(apiGenPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(apiGenPath)
	if err != nil {
		t.Fatalf("reading %s: %v (generate it: go test ./app -run TestAPIGenTS -update)", apiGenPath, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: the Go types changed. Regenerate it with\n\tgo test ./app -run TestAPIGenTS -update\nand commit the result", apiGenPath)
	}
}
