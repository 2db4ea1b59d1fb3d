// Command fyne-hello is the smallest Fyne app: one window with one label.
// make bench builds it from the Fyne version in go.mod, with the flags the
// app is built with, so the app's start-up time, memory and idle CPU can be
// set beside what Fyne itself costs on the same machine in the same run.
package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("app.mamori.bench.hello")
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello, world"))
	w.ShowAndRun()
}
