from ui.widgets.admin import render

render()
