from ui.widgets.qa import render

render()
