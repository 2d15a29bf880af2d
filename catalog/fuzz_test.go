package catalog

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

// fuzzImport checks one fuzz input: Import never panics, refuses only with
// an *ImportError, and whatever it accepts is valid and survives another
// export and import unchanged, byte for byte on the second export.
func fuzzImport(t *testing.T, format Format, data []byte) {
	procs, err := Import(bytes.NewReader(data), format)
	if err != nil {
		var ie *ImportError
		if !errors.As(err, &ie) || len(ie.Errors) == 0 {
			t.Fatalf("Import returned %T %v, want an *ImportError with problems", err, err)
		}
		for _, e := range ie.Errors {
			if e.Code == "" || e.Message == "" {
				t.Fatalf("problem without a code or message: %+v", e)
			}
		}
		return
	}
	seen := map[string]bool{}
	for i, p := range procs {
		if err := p.Validate(); err != nil {
			t.Fatalf("Import accepted invalid procedure %d: %v", i+1, err)
		}
		if seen[p.Code] {
			t.Fatalf("Import accepted code %s twice", p.Code)
		}
		seen[p.Code] = true
	}
	var first bytes.Buffer
	if err := Export(&first, format, procs); err != nil {
		t.Fatalf("Export of imported procedures: %v", err)
	}
	again, err := Import(bytes.NewReader(first.Bytes()), format)
	if err != nil {
		t.Fatalf("re-import: %v\n%s", err, first.Bytes())
	}
	if !reflect.DeepEqual(again, procs) {
		t.Fatalf("re-import differs:\n got %+v\nwant %+v", again, procs)
	}
	var second bytes.Buffer
	if err := Export(&second, format, again); err != nil || !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Fatalf("second export differs (%v)", err)
	}
}

func FuzzImportCSV(f *testing.F) {
	procs := append(mustDefault(f)[:3], tricky())
	f.Add(export(f, FormatCSV, procs))
	f.Add(export(f, FormatCSV, procs[:1]))
	f.Add(csvFile(csvHeader, csvRow("1.001193", "Đăng ký khai sinh", "abc")))
	f.Add(csvFile("time_limit_wd,sector,name", "1,Hộ tịch,A"))
	f.Add(csvFile("name;sector;time_limit_wd", "A;B;1"))
	f.Add(csvFile(csvHeader, `L.X1,"a""b",S,,1,,,,,x\|y | z,a\:b:copy:2:optional,s\;t:clerk:0.5:f\\,,0`))
	f.Add([]byte("\xef\xbb\xbfname,sector,time_limit_wd\r\n\"A\nB\",S,1\r\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzImport(t, FormatCSV, data)
	})
}

func FuzzImportJSON(f *testing.F) {
	procs := append(mustDefault(f)[:3], tricky())
	f.Add(export(f, FormatJSON, procs))
	f.Add(sample)
	f.Add([]byte(`[{"name":"A","sector":"S","time_limit_wd":1,"documents":[{"name":"x","form":"copy"}],"steps":[{"name":"s","role":"clerk","hours":1e-3}]}]`))
	f.Add([]byte(`{"procedures":[{"name":"A","name":"B"}]}`))
	f.Add([]byte(`{"procedures":[{"code":"l.x1","name":" A ","sector":"S","timeLimitWD":1.0,"feeVND":1e3,"agencies":[null]}]}`))
	f.Add([]byte(`{"procedures": [}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzImport(t, FormatJSON, data)
	})
}
