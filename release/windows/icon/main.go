// Command icon draws carico's program icon, release/windows/carico.ico:
// three rising bars, the load being measured, in white on the blue of
// Italy's public-administration sites (#0066CC). The ICO holds PNG images
// at 16, 32, 48 and 256 pixels, as Windows Vista and later read them.
//
//	go run ./release/windows/icon -o release/windows/carico.ico
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
)

var (
	blue  = color.NRGBA{0x00, 0x66, 0xcc, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// sizes are the images in the icon, in pixels.
var sizes = []int{16, 32, 48, 256}

func main() {
	out := flag.String("o", "carico.ico", "output file")
	flag.Parse()
	var b bytes.Buffer
	if err := writeICO(&b, sizes); err != nil {
		fmt.Fprintln(os.Stderr, "icon:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "icon:", err)
		os.Exit(1)
	}
}

// draw renders the icon at n×n pixels, sampling each pixel 4×4 times so
// that the edges stay smooth at 16 pixels.
func draw(n int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	const ss = 4
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			var bg, fg int
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					u := (float64(x) + (float64(sx)+0.5)/ss) / float64(n)
					v := (float64(y) + (float64(sy)+0.5)/ss) / float64(n)
					if inRoundedSquare(u, v) {
						bg++
						if inBar(u, v) {
							fg++
						}
					}
				}
			}
			if bg == 0 {
				continue
			}
			a := float64(bg) / ss / ss
			t := float64(fg) / float64(bg)
			img.SetNRGBA(x, y, color.NRGBA{
				R: mix(blue.R, white.R, t), G: mix(blue.G, white.G, t), B: mix(blue.B, white.B, t),
				A: uint8(math.Round(a * 255)),
			})
		}
	}
	return img
}

func mix(a, b uint8, t float64) uint8 {
	return uint8(math.Round(float64(a)*(1-t) + float64(b)*t))
}

// inRoundedSquare: the whole square, corners rounded by a sixth.
func inRoundedSquare(u, v float64) bool {
	const r = 1.0 / 6
	cx := math.Max(r, math.Min(1-r, u))
	cy := math.Max(r, math.Min(1-r, v))
	return (u-cx)*(u-cx)+(v-cy)*(v-cy) <= r*r
}

// inBar: three bars standing on a common base, rising to the right.
func inBar(u, v float64) bool {
	const base, w = 0.80, 0.18
	for i, h := range []float64{0.28, 0.44, 0.60} {
		left := 0.17 + float64(i)*0.24
		if u >= left && u < left+w && v < base && v >= base-h {
			return true
		}
	}
	return false
}

// writeICO writes the ICO container: a header, one directory entry per
// image, then the PNG images.
func writeICO(w io.Writer, sizes []int) error {
	var pngs [][]byte
	for _, n := range sizes {
		var b bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, draw(n)); err != nil {
			return err
		}
		pngs = append(pngs, b.Bytes())
	}
	le := binary.LittleEndian
	head := make([]byte, 6+16*len(sizes))
	le.PutUint16(head[2:], 1) // type: icon
	le.PutUint16(head[4:], uint16(len(sizes)))
	offset := len(head)
	for i, n := range sizes {
		e := head[6+16*i:]
		e[0], e[1] = byte(n%256), byte(n%256) // 0 stands for 256
		le.PutUint16(e[4:], 1)                // colour planes
		le.PutUint16(e[6:], 32)               // bits per pixel
		le.PutUint32(e[8:], uint32(len(pngs[i])))
		le.PutUint32(e[12:], uint32(offset))
		offset += len(pngs[i])
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	for _, p := range pngs {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}
