package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// attach adds scans to a received dossier's paper: two PNGs to paper 1
// (the same file again is one), refused for a paper out of range and for a
// file that is not a scan, with nothing recorded.
func TestAttachScans(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if out, code := runCLI(t, "init", "--data", dir, "--office-code", "38001", "--office-name", "UBND xã Đông Sơn"); code != exitOK {
		t.Fatalf("init: %d %s", code, out)
	}
	if out, code := runCLI(t, "rpc", "--data", dir, "Setup.Office",
		`{"office":{"code":"38001","name":"UBND xã Đông Sơn"},"admin":{"username":"admin","fullName":"Lê Văn Quản","password":"mật khẩu quản trị"}}`); code != exitOK {
		t.Fatalf("setup: %d %s", code, out)
	}
	out, code := runCLI(t, "rpc", "--data", dir, "Dossiers.Receive",
		`{"procedure":"1.004837","applicant":{"fullName":"Nguyễn Thị Hồng","citizenId":"038095001234","address":"Thôn 1","phone":"0912345678"},`+
			`"documents":[{"name":"Tờ khai đăng ký giám hộ","form":"original","count":1}],"sets":1}`)
	var rec struct{ Code string }
	if err := json.Unmarshal([]byte(out), &rec); code != exitOK || err != nil || rec.Code == "" {
		t.Fatalf("receive: %d %s", code, out)
	}
	files := t.TempDir()
	scan := func(name string, x int) string {
		img := image.NewGray(image.Rect(0, 0, 4, 4))
		img.Pix[x] = 255
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(files, name)
		if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b := scan("trang-1.png", 1), scan("trang-2.png", 2)
	text := filepath.Join(files, "ghi-chu.pdf")
	if err := os.WriteFile(text, []byte("not a scan"), 0o600); err != nil {
		t.Fatal(err)
	}

	if out, code := runCLI(t, "attach", "--data", dir, "--code", rec.Code, "--paper", "2", a); code != exitFailed || errorCode(t, out) != "refused" {
		t.Fatalf("paper 2 of 1: %d %s", code, out)
	}
	if out, code := runCLI(t, "attach", "--data", dir, "--code", rec.Code, "--paper", "1", a, text); code != exitFailed || errorCode(t, out) != "invalid_input" {
		t.Fatalf("a text file: %d %s", code, out)
	}
	if _, code := runCLI(t, "attach", "--data", dir, "--code", rec.Code, a); code != exitUsage {
		t.Fatalf("no --paper: exit %d", code)
	}
	if _, code := runCLI(t, "attach", "--data", dir, "--code", rec.Code, "--paper", "1", "--result", a); code != exitUsage {
		t.Fatalf("--paper and --result: exit %d", code)
	}
	if out, code := runCLI(t, "attach", "--data", dir, "--code", rec.Code, "--result", a); code != exitFailed || errorCode(t, out) != "refused" {
		t.Fatalf("the result before it reached the desk: %d %s", code, out)
	}
	out, code = runCLI(t, "attach", "--data", dir, "--code", rec.Code, "--paper", "1", a, b, a)
	var got attachReply
	if err := json.Unmarshal([]byte(out), &got); code != exitOK || err != nil {
		t.Fatalf("attach: %d %s", code, out)
	}
	if got.Code != rec.Code || got.Paper != 1 || len(got.Files) != 2 || got.Files[0].Name != "trang-1.png" || got.Files[1].Type != "image/png" {
		t.Fatalf("attach printed %+v", got)
	}
}
