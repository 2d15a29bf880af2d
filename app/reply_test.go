package app

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

type replyInner struct {
	Tags []string `json:"tags"`
}

// ReplyEmbedded is embedded in replyOuter as replies embed structs.
type ReplyEmbedded struct {
	Notes []string `json:"notes"`
}

type replyOuter struct {
	ReplyEmbedded
	Name     string            `json:"name"`
	Items    []replyInner      `json:"items"`
	Missing  []string          `json:"missing"`
	Opt      []string          `json:"opt,omitempty"`
	Ptr      *replyInner       `json:"ptr"`
	NilPtr   *replyInner       `json:"nilPtr"`
	ByKey    map[string][]int  `json:"byKey"`
	NilMap   map[string]int    `json:"nilMap"`
	Any      any               `json:"any"`
	At       time.Time         `json:"at"`
	Raw      json.RawMessage   `json:"raw,omitempty"`
	Bytes    []byte            `json:"bytes"`
	Skipped  []string          `json:"-"`
	Array    [2]replyInner     `json:"array"`
	Exported ReplyEmbedded     `json:"exported"`
	hidden   []string          //lint:ignore U1000 proves unexported fields are left alone
	Counts   map[string]string `json:"counts"`
}

// TestRepliesEncodeNilSlicesAsEmpty proves a reply's nil slices (and maps)
// reach the client as [] ({}) wherever they sit, so the frontend needs no
// normaliser, and that the reply the service returned is not changed.
func TestRepliesEncodeNilSlicesAsEmpty(t *testing.T) {
	in := replyOuter{
		Name:   "x",
		Items:  []replyInner{{}, {Tags: []string{"a"}}},
		Ptr:    &replyInner{},
		ByKey:  map[string][]int{"k": nil},
		Any:    replyInner{},
		Counts: map[string]string{"a": "b"},
	}
	out := emptySlices(in)
	got, ok := out.(replyOuter)
	if !ok {
		t.Fatalf("emptySlices changed the type to %T", out)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"notes":[],"name":"x","items":[{"tags":[]},{"tags":["a"]}],"missing":[],"ptr":{"tags":[]},` +
		`"nilPtr":null,"byKey":{"k":[]},"nilMap":{},"any":{"tags":[]},"at":"0001-01-01T00:00:00Z","bytes":"",` +
		`"array":[{"tags":[]},{"tags":[]}],"exported":{"notes":[]},"counts":{"a":"b"}}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	// The original shares memory with what a service keeps (a projection's
	// state): it must be untouched.
	if in.Missing != nil || in.Items[0].Tags != nil || in.Ptr.Tags != nil || in.ByKey["k"] != nil || in.Any.(replyInner).Tags != nil {
		t.Fatalf("emptySlices changed its argument: %+v", in)
	}
	if got.Items[1].Tags[0] != "a" || got.Counts["a"] != "b" {
		t.Fatalf("values lost: %+v", got)
	}
}

// TestRepliesWithoutNilSlicesAreReturnedAsIs keeps the common case free:
// a reply with nothing to fill is the same value, not a copy.
func TestRepliesWithoutNilSlicesAreReturnedAsIs(t *testing.T) {
	p := &replyInner{Tags: []string{"a"}}
	if got := emptySlices(p); got.(*replyInner) != p {
		t.Fatal("a reply without nil slices was copied")
	}
	if got := emptySlices(Info{Version: "1"}); !reflect.DeepEqual(got, Info{Version: "1"}) {
		t.Fatalf("got %+v", got)
	}
	if emptySlices(nil) != nil {
		t.Fatal("nil reply changed")
	}
}

// TestCallEncodesNilSlicesAsEmpty runs a real method whose reply has a nil
// slice (the operator has no roles) through Call, as both transports do.
func TestCallEncodesNilSlicesAsEmpty(t *testing.T) {
	s := newTestServices(t)
	out, err := s.CallAs(t.Context(), "", true, "Auth.Me", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if string(m["roles"]) != "[]" {
		t.Fatalf("Auth.Me as the operator encodes roles as %s, want []", m["roles"])
	}
}

// TestRepliesHaveNoHiddenSlices guards emptySlices' one blind spot:
// reflect cannot set the fields of an unexported embedded struct, which
// encoding/json still flattens into the reply. No reply may have one that
// holds a slice or map.
func TestRepliesHaveNoHiddenSlices(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(path string, t reflect.Type)
	walk = func(path string, ty reflect.Type) {
		if seen[ty] || marshals(ty) {
			return
		}
		seen[ty] = true
		switch ty.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(path, ty.Elem())
		case reflect.Struct:
			for i := 0; i < ty.NumField(); i++ {
				f := ty.Field(i)
				if f.Anonymous && !f.IsExported() && f.Tag.Get("json") != "-" && mayHoldSlice(f.Type) {
					t.Errorf("%s embeds unexported %s, whose nil slices would encode as null", path, f.Type)
				}
				if f.IsExported() {
					walk(path+"."+f.Name, f.Type)
				}
			}
		}
	}
	for _, sig := range newTestServices(t).Signatures() {
		walk(sig.Name, sig.Reply)
	}
}

// TestReplyListsAreNeverNull keeps the generated seam's promise that a
// reply's list or record field is always an array or an object: tsgen
// writes a slice or map as never null because emptySlices fills the nil
// ones, but a pointer to a slice or map without omitempty would be sent as
// null when nil and emitted as "T[] | null", and every screen would need
// its normaliser again. No reply may have one, and the generated file
// must say so.
func TestReplyListsAreNeverNull(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(path string, ty reflect.Type)
	walk = func(path string, ty reflect.Type) {
		if seen[ty] || marshals(ty) {
			return
		}
		seen[ty] = true
		switch ty.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(path, ty.Elem())
		case reflect.Struct:
			for i := 0; i < ty.NumField(); i++ {
				f := ty.Field(i)
				tag := f.Tag.Get("json")
				if !f.IsExported() && !f.Anonymous || tag == "-" {
					continue
				}
				_, opts, _ := strings.Cut(tag, ",")
				optional := strings.Contains(","+opts+",", ",omitempty,") || strings.Contains(","+opts+",", ",omitzero,")
				if ft := f.Type; ft.Kind() == reflect.Pointer && !optional && !marshals(ft.Elem()) {
					if k := ft.Elem().Kind(); k == reflect.Map || k == reflect.Slice && ft.Elem().Elem().Kind() != reflect.Uint8 {
						t.Errorf("%s.%s is a %s: nil, it is sent as null; make it a %s (emptySlices sends [] or {})", path, f.Name, ft, ft.Elem())
					}
				}
				walk(path+"."+f.Name, f.Type)
			}
		}
	}
	for _, sig := range newTestServices(t).Signatures() {
		if k := sig.Reply.Kind(); k == reflect.Pointer && (sig.Reply.Elem().Kind() == reflect.Slice || sig.Reply.Elem().Kind() == reflect.Map) {
			t.Errorf("%s replies a %s, sent as null when nil", sig.Name, sig.Reply)
		}
		walk(sig.Name, sig.Reply)
	}
	// What the frontend reads: no list or record in the generated seam may
	// be null (an element may: "(T | null)[]").
	if m := regexp.MustCompile(`(\]|>) \| null`).Find(generateTS(t)); m != nil {
		t.Errorf("api.gen.ts declares a nullable list or record (%q)", m)
	}
}
