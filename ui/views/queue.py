from ui.widgets.queue import render

render()
