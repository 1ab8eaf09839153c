from ui.widgets.signin import render

render()
