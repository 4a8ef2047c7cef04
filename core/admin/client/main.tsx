/** The browser admin's entry: loads the session, then shows the login or the app. */
import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

render(<App />, document.getElementById('admin')!);
