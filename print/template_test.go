package print

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestBuiltInTemplates(t *testing.T) {
	t.Parallel()
	for _, form := range Forms {
		tp, err := DefaultTemplate(SetTT01, LegacyDoc(form))
		if err != nil {
			t.Fatal(err)
		}
		if err := tp.Validate(); err != nil {
			t.Errorf("form %s: %v", form, err)
		}
		if tp.Form != form || tp.Version != "TT01/2018" || tp.Set != SetTT01 {
			t.Errorf("form %s: got form %q version %q set %q", form, tp.Form, tp.Version, tp.Set)
		}
	}
	for _, set := range SetIDs() {
		for _, doc := range Docs {
			tp, err := DefaultTemplate(set, doc)
			if set == SetTT01 && doc == DocStop {
				if err == nil {
					t.Error("the 2018 set has a stop notice")
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := tp.Validate(); err != nil || tp.Doc != doc || tp.Set != set {
				t.Errorf("%s %s: %v (doc %q set %q)", set, doc, err, tp.Doc, tp.Set)
			}
		}
	}
	want := map[string]string{DocReceipt: "01", DocSupplement: "02", DocRefusal: "03", DocRefusalNotice: "", DocApology: "04", DocStop: "05", DocControl: "06", DocBook: "07"}
	for doc, form := range want {
		if tp, _ := DefaultTemplate(SetTT03, doc); tp.Form != form {
			t.Errorf("2025 %s is form %q, want %q", doc, tp.Form, form)
		}
	}
	if tp, _ := DefaultTemplate(SetTT03, DocApology); tp.Title != "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" {
		t.Errorf("the 2025 apology is titled %q", tp.Title)
	}
	if _, err := DefaultTemplate("TT09/2030", DocReceipt); err == nil {
		t.Error("an unknown set has templates")
	}
}

func TestTemplateValidate(t *testing.T) {
	t.Parallel()
	base := func() Template {
		tp, _ := DefaultTemplate(SetTT01, DocReceipt)
		return tp
	}
	for _, c := range []struct {
		name   string
		change func(*Template)
		field  string
	}{
		{"unknown form of an old record", func(tp *Template) { tp.Set, tp.Doc, tp.Form = "", "", "09" }, "form"},
		{"unknown doc", func(tp *Template) { tp.Doc = "invoice" }, "doc"},
		{"unknown set", func(tp *Template) { tp.Set = "TT09/2030" }, "set"},
		{"doc not in the set", func(tp *Template) { tp.Doc = DocStop }, "doc"},
		{"unknown block", func(tp *Template) { tp.Body[7].Block = "signature" }, "body[7].block"},
		{"missing signer", func(tp *Template) { tp.Signers = tp.Signers[:1] }, "signers"},
		{"no signer", func(tp *Template) { tp.Signers = nil }, "signers"},
		{"unknown field in a signer's name", func(tp *Template) { tp.Signers[1].Name = "{nguoi_nhan}" }, "signers[1].name"},
		{"unknown unless", func(tp *Template) { tp.Body[2].Unless = "nothing" }, "body[2].unless"},
		{"no version", func(tp *Template) { tp.Version = " " }, "version"},
		{"long version", func(tp *Template) { tp.Version = strings.Repeat("v", 41) }, "version"},
		{"no title", func(tp *Template) { tp.Title = "" }, "title"},
		{"no body", func(tp *Template) { tp.Body = nil }, "body"},
		{"unknown field", func(tp *Template) { tp.Body[0].Text = "Mã: {ma_ho_so}" }, "body[0].text"},
		{"unpaired bold", func(tp *Template) { tp.Body[0].Text = "Mã hồ sơ: **{code}" }, "body[0].text"},
		{"empty text", func(tp *Template) { tp.Body[1].Text = "  " }, "body[1].text"},
		{"bad indent", func(tp *Template) { tp.Body[2].Indent = 9 }, "body[2].indent"},
		{"unknown if", func(tp *Template) { tp.Body[2].If = "nothing" }, "body[2].if"},
		{"block of another form", func(tp *Template) { tp.Body[7] = Line{Block: BlockSteps, Columns: []string{"a", "b", "c", "d"}} }, "body[7].block"},
		{"columns", func(tp *Template) { tp.Body[9].Columns = tp.Body[9].Columns[:3] }, "body[9].columns"},
		{"signers", func(tp *Template) { tp.Signers = append(tp.Signers, tp.Signers...) }, "signers"},
		{"too many lines", func(tp *Template) {
			for range maxTemplateLines {
				tp.Body = append(tp.Body, Line{Text: "x"})
			}
		}, "body"},
		{"book field on a dossier form", func(tp *Template) { tp.Body[0].Text = "{from}" }, "body[0].text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			tp := base()
			c.change(&tp)
			err := tp.Validate()
			var te *TemplateError
			if !errors.As(err, &te) || te.Field != c.field {
				t.Errorf("got %v, want a problem with %s", err, c.field)
			}
		})
	}
}

func TestCustomTemplate(t *testing.T) {
	t.Parallel()
	// An office rewords Form 01, moves the fee to the top and drops the
	// email line; the version it names is printed.
	tp, _ := DefaultTemplate(SetTT01, DocReceipt)
	tp.Version = "38001-2027.1"
	tp.Title = "GIẤY BIÊN NHẬN HỒ SƠ"
	var body []Line
	body = append(body, Line{Text: "Lệ phí đã thu: **{fee}**"})
	for _, l := range tp.Body {
		if strings.Contains(l.Text, "Email") || strings.Contains(l.Text, "Phí, lệ phí") {
			continue
		}
		body = append(body, l)
	}
	tp.Body = body
	d := fixture()
	d.Template = &tp
	d.Fee = "8.000 đồng"
	d.Dossier.Applicant.FullName = "Nguyễn **Thị** Hồng Nhung"
	text := flat(pdftext(t, render(t, d)))
	for _, want := range []string{"GIẤY BIÊN NHẬN HỒ SƠ", "Lệ phí đã thu: 8.000 đồng", "Mẫu 01 · TT01/2018 · 38001-2027.1", "Nguyễn **Thị** Hồng Nhung"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "nhung.nth@example.vn") || strings.Contains(text, "GIẤY TIẾP NHẬN") {
		t.Errorf("a line the template dropped is printed:\n%s", text)
	}
	if strings.Index(text, "Lệ phí đã thu") > strings.Index(text, "Mã hồ sơ") {
		t.Error("the fee line is not first, as the template orders it")
	}

	// A template for another form, or an invalid one, is refused and
	// nothing is written.
	r, _ := NewRenderer()
	for _, bad := range []func(*Template){
		func(x *Template) { x.Doc = DocSupplement },
		func(x *Template) { x.Body[0].Text = "{nope}" },
	} {
		x := tp
		x.Body = append([]Line(nil), tp.Body...)
		bad(&x)
		d.Template = &x
		var buf bytes.Buffer
		if err := r.Receipt(&buf, d); !errors.Is(err, ErrTemplate) || buf.Len() != 0 {
			t.Errorf("got %v and %d bytes, want ErrTemplate and nothing", err, buf.Len())
		}
	}
}

func TestReceiptFee(t *testing.T) {
	t.Parallel()
	d := fixture()
	d.Fee = "Miễn phí"
	if text := pdftext(t, render(t, d)); !strings.Contains(text, "6. Phí, lệ phí: Miễn phí") {
		t.Errorf("the fee line is missing:\n%s", text)
	}
}

// FuzzTemplate decodes a template as an office would upload it; whatever
// Validate accepts must render Form 01 without failing.
func FuzzTemplate(f *testing.F) {
	for _, s := range builtins {
		for _, tp := range s.docs {
			seed, _ := json.Marshal(tp)
			f.Add(seed)
		}
	}
	f.Add([]byte(`{"form":"01","version":"x","title":"T","body":[{"text":"**{code}** {fee}","indent":4},{"block":"documents","columns":["a","b","c","d"]}]}`))
	r, err := NewRenderer()
	if err != nil {
		f.Fatal(err)
	}
	d := fixture()
	f.Fuzz(func(t *testing.T, data []byte) {
		var tp Template
		if json.Unmarshal(data, &tp) != nil || tp.Validate() != nil || tp.Normalized().Doc != DocReceipt {
			return
		}
		d := d
		d.Template = &tp
		if err := r.Receipt(io.Discard, d); err != nil {
			t.Fatalf("a valid template does not render: %v", err)
		}
	})
}
