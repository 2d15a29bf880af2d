package tsgen

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

type color string

type base struct {
	ID    string `json:"id"`
	Shade string `json:"shade"`
}

type sample struct {
	base
	Shade    color             `json:"shade"`
	Name     string            `json:"name"`
	Note     string            `json:"note,omitempty"`
	Count    int64             `json:"count,string"`
	At       time.Time         `json:"at"`
	Data     []byte            `json:"data"`
	Tags     []string          `json:"tags"`
	ByKey    map[string]int    `json:"byKey"`
	Next     *sample           `json:"next"`
	Maybe    *base             `json:"maybe,omitempty"`
	Raw      json.RawMessage   `json:"raw"`
	Any      any               `json:"any"`
	Skip     string            `json:"-"`
	NoTag    bool              //nolint:unused // named by its Go name
	hidden   string            //lint:ignore U1000 never encoded
	Inline   struct{ X int }   `json:"inline"`
	Colors   []color           `json:"colors"`
	Optional map[string]string `json:"optional,omitzero"`
}

type empty struct{}

// TestGenerate pins the mapping from Go types to TypeScript on one struct
// that uses each rule of the package doc.
func TestGenerate(t *testing.T) {
	out, err := Generate(Input{
		Header: "test",
		Methods: []Method{
			{Name: "S.Get", Arg: reflect.TypeFor[base](), Reply: reflect.TypeFor[sample]()},
			{Name: "S.Ping", Reply: reflect.TypeFor[empty]()},
		},
		Enums:      map[string][]string{Key(reflect.TypeFor[color]()): {"red", "blue"}},
		ErrorCodes: reflect.TypeFor[color](),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		"export const ERROR_CODES = [\n  \"red\",\n  \"blue\",\n] as const;",
		`"S.Get": { params: base; reply: sample };`,
		`"S.Ping": { params: undefined; reply: empty };`,
		"export type color =\n  | \"red\"\n  | \"blue\";",
		"export interface sample {\n  id: string;\n  shade: color;\n  name: string;\n  note?: string;\n  count: string;\n",
		"  at: string;\n  data: string;\n  tags: string[];\n  byKey: Record<string, number>;\n  next: sample | null;\n  maybe?: base;\n",
		"  raw: unknown;\n  any: unknown;\n  NoTag: boolean;\n  inline: {\n    X: number;\n  };\n  colors: color[];\n  optional?: Record<string, string>;\n}",
		"export interface empty {}",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks\n%s\n--- got:\n%s", want, got)
		}
	}
	for _, absent := range []string{"hidden", "Skip", "base;\n  id"} {
		if strings.Contains(got, absent) {
			t.Errorf("output has %q", absent)
		}
	}
	again, _ := Generate(Input{Header: "test", Methods: []Method{
		{Name: "S.Ping", Reply: reflect.TypeFor[empty]()},
		{Name: "S.Get", Arg: reflect.TypeFor[base](), Reply: reflect.TypeFor[sample]()},
	}, Enums: map[string][]string{Key(reflect.TypeFor[color]()): {"red", "blue"}}, ErrorCodes: reflect.TypeFor[color]()})
	if string(again) != got {
		t.Error("the output depends on the order of the methods")
	}
}

// TestScanEnums reads this module's constants: app.Code's come in the
// order app/errors.go declares them.
func TestScanEnums(t *testing.T) {
	enums, err := ScanEnums("../..", "hoso")
	if err != nil {
		t.Fatal(err)
	}
	codes := enums["hoso/app.Code"]
	if len(codes) < 3 || codes[0] != "internal" || codes[1] != "invalid_input" {
		t.Fatalf("app.Code constants: %v", codes)
	}
}
