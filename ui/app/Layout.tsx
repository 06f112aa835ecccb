import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { can, useSession } from '../api';

interface NavItem {
  to: string;
  label: string;
  show: boolean;
}

/** The DSFR page frame: skip links, header with the session tools and the main menu, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const allowed = can(user);

  // On every page change, focus goes to the content, as a screen reader user expects.
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  const items: NavItem[] = [
    { to: '/', label: 'Démarches', show: true },
    { to: '/mes-dossiers', label: 'Mes dossiers', show: allowed.file },
    { to: '/agent', label: 'Corbeille', show: allowed.workInbox },
    { to: '/agent/guichet', label: 'Au guichet', show: allowed.fileAtDesk },
    { to: '/agent/courriers', label: 'Courriers', show: allowed.workInbox },
    { to: '/pilotage', label: 'Pilotage', show: allowed.steer },
    { to: '/conception', label: 'Conception', show: allowed.design },
  ];

  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" role="navigation" aria-label="Accès rapide">
          <ul className="fr-skiplinks__list">
            <li><a className="fr-link" href="#contenu">Contenu</a></li>
            <li><a className="fr-link" href="#menu">Menu</a></li>
          </ul>
        </nav>
      </div>
      <header role="banner" className="fr-header">
        <div className="fr-header__body">
          <div className="fr-container">
            <div className="fr-header__body-row">
              <div className="fr-header__brand fr-enlarge-link">
                <div className="fr-header__service">
                  <Link to="/" title="Accueil — Guichet">
                    <p className="fr-header__service-title">Guichet</p>
                  </Link>
                  <p className="fr-header__service-tagline">Les démarches de votre mairie, en ligne</p>
                </div>
              </div>
              <div className="fr-header__tools">
                <div className="fr-header__tools-links">
                  <ul className="fr-btns-group">
                    {user ? (
                      <>
                        <li><span className="fr-btn fr-icon-account-circle-line" aria-label={`Connecté : ${user.givenName} ${user.familyName}`}>{user.givenName} {user.familyName}</span></li>
                        <li>
                          <button type="button" className="fr-btn fr-icon-logout-box-r-line" onClick={() => { void signOut().then(() => navigate('/')); }}>
                            Se déconnecter
                          </button>
                        </li>
                      </>
                    ) : (
                      <>
                        <li><Link className="fr-btn fr-icon-lock-line" to="/connexion">Se connecter</Link></li>
                        <li><Link className="fr-btn fr-icon-account-line" to="/inscription">Créer un compte</Link></li>
                      </>
                    )}
                  </ul>
                </div>
              </div>
            </div>
          </div>
        </div>
        <div className="fr-header__menu fr-modal" id="menu">
          <div className="fr-container">
            <nav className="fr-nav" role="navigation" aria-label="Menu principal">
              <ul className="fr-nav__list">
                {items.filter((i) => i.show).map((item) => (
                  <li className="fr-nav__item" key={item.to}>
                    <NavLink className="fr-nav__link" to={item.to} end={item.to === '/' || item.to === '/agent'}>{item.label}</NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </div>
      </header>
      <main role="main" id="contenu" tabIndex={-1} ref={main} className="fr-container fr-py-4w guichet-main">
        {children}
      </main>
      <footer className="fr-footer" role="contentinfo">
        <div className="fr-container">
          <div className="fr-footer__body">
            <div className="fr-footer__content">
              <p className="fr-footer__content-desc">
                Guichet unique de la mairie : déposez vos demandes, suivez vos dossiers, recevez vos documents.
              </p>
            </div>
          </div>
          <div className="fr-footer__bottom">
            <ul className="fr-footer__bottom-list">
              <li className="fr-footer__bottom-item"><span className="fr-footer__bottom-link">Accessibilité : conforme au RGAA visé</span></li>
              <li className="fr-footer__bottom-item"><span className="fr-footer__bottom-link">Données personnelles : vos dossiers ne sont visibles que de vous et des services qui les instruisent</span></li>
            </ul>
          </div>
        </div>
      </footer>
    </>
  );
}
