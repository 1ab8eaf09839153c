from ui.widgets.review import render

render()
