import { useState, type FormEvent } from 'react';
import { SEARCH_MIN_LENGTH } from '@samraad/schema';
import { messages } from '../i18n/messages.js';
import { navigate, paths } from '../routing.js';
import styles from './SearchBox.module.css';

/** The search field in the top bar. */
export function SearchBox() {
  const [query, setQuery] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (query.trim().length >= SEARCH_MIN_LENGTH) navigate(paths.search(query.trim()));
  }
  return (
    <form className={styles.searchBox} role="search" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="search-box">
        {messages.search.label}
      </label>
      <input
        id="search-box"
        className={styles.input}
        type="search"
        placeholder={messages.search.placeholder}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
    </form>
  );
}
