// First: the schemas must be defined without eval, which the Content-Security-Policy refuses.
import '@samraad/schema/without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './styles/tokens.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html mangler #root');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
