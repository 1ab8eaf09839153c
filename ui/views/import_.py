from ui.widgets.importer import render

render()
