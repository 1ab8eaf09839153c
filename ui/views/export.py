from ui.widgets.export import render

render()
